package dev.breakfix.web.pages;

import java.time.Instant;

import dev.breakfix.catalog.Scenario;

/** One lab on the learner's list: the scenario and the learner's own progress in it. */
public record LabCard(int number, Scenario scenario, LabStatus status, int attempts, Instant startedAt, Instant passedAt) {
}
