package dev.bulwark.benchmarks.quarkus;

import java.util.List;

/** More scenarios from a build-specific bean: the programmatic stacks exist in the Bulwark build only. */
public interface ScenarioSource {

    List<Scenario> scenarios();
}
