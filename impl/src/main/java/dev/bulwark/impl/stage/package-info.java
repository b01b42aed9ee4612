/**
 * The seam between the drivers and the strategies. A guarded operation is an ordered list of stages in the MP FT
 * order: around-stages outside (fallback, retry), then gates (circuit breaker, rate limit, timeout, bulkhead), then
 * the method. A {@link dev.bulwark.impl.stage.Gate} lets one attempt through or refuses it, and hears how the
 * attempt ended; an {@link dev.bulwark.impl.stage.Around} decides, after each outcome, whether the call returns,
 * fails or goes again after a delay. The synchronous driver, the asynchronous driver and the Uni adapter loop over
 * the list and name no strategy; each strategy is written once, in its own package, for all of them.
 *
 * <p>A strategy beyond the built-in ones joins the chain through a {@link dev.bulwark.impl.stage.StageSpec}: its
 * settings say where it sits and make its stage for each operation, so neither the drivers nor the chain name it.
 *
 * <p>This package depends only on the engine's clock and metrics interfaces, so that every strategy package can
 * depend on it.
 */
package dev.bulwark.impl.stage;
