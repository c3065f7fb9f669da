package dev.palo.activities.translation.tune;

import dev.palo.workflows.ArtifactRef;

/**
 * The local backend's heartbeat details.
 *
 * @param step       optimiser steps done
 * @param checkpoint StoredDirectory index of the last training state stored, or null before the first
 */
record TuneCheckpoint(int step, ArtifactRef checkpoint) {
}
