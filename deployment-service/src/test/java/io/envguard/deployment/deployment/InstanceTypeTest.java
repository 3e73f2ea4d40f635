package io.envguard.deployment.deployment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Instance types described from their names, as the stand-in runtime has no catalogue. */
class InstanceTypeTest {

    @Test
    void aCpuTypeIsVcpusByGibibytes() {
        assertEquals(new InstanceType("1x4", "1x4", 4096, 1000, 0, null, null), InstanceType.of("1x4"));
    }

    @Test
    void aGpuInFrontCountsOneOrAsManyAsItsCountSays() {
        assertEquals(new InstanceType("A10Gx4x16", "A10Gx4x16", 16384, 4000, 1, "A10G", null), InstanceType.of("A10Gx4x16"));
        assertEquals(new InstanceType("A10G:2x24x96", "A10G:2x24x96", 98304, 24000, 2, "A10G", null), InstanceType.of("A10G:2x24x96"));
    }

    @Test
    void aNameOfAnotherFormHasNoSizes() {
        assertEquals(new InstanceType("gpu-large", "gpu-large", 0, 0, 0, null, null), InstanceType.of("gpu-large"));
    }
}
