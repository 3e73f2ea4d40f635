#!/usr/bin/env bash
# Loads a generated platform of SCALE_EVENTS events (default 1,000,000) into a running platform (bin/platform up), in
# bulk: environment-service's event store and the event topic, as the write side would have written them
# (environment-service's test-scoped DataSetGenerator, which uses the service's own event, serializer and CloudEvents
# classes). environment-service is stopped meanwhile, so that its publisher neither holds its tokens nor publishes the
# loaded events a second time, and started again after. authz-service keeps running and projects the events as they
# arrive, like any consumer. Prints the generator's JSON line; sample questions go to DATASET_OUT
# (default .platform/bench/dataset.txt): "kind email api-key organization team environment" per line.
# SCALE_SEED fixes the data set; SCALE_LARGE_ORG=1 adds one organisation of 5,000 members and 200 environment groups
# (the default from 100,000 events on).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export SCALE_EVENTS=${SCALE_EVENTS:-1000000}
export DATASET_OUT=${DATASET_OUT:-$WORK/dataset.txt}

load_dataset "$SCALE_EVENTS"
