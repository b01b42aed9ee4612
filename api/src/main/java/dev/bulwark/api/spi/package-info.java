/**
 * The service provider interface between the public API and an engine: {@code bulwark-impl} implements
 * {@link dev.bulwark.api.spi.GuardProvider} and the API finds it through {@link java.util.ServiceLoader}. Not for
 * applications, which use {@link dev.bulwark.api.Guard}, {@link dev.bulwark.api.Bulwark} and the annotations.
 */
package dev.bulwark.api.spi;
