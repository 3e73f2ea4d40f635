package io.envguard.deployment.deployment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instance type as Baseten describes it (InstanceTypeV1). The stand-in runtime has no catalogue: the sizes are read
 * from the name where it follows the runtime's form — {@code <vCPUs>x<GiB>} ({@code 1x2}), with a GPU in front
 * ({@code A10Gx4x16}, or several: {@code H100:2x52x468}) — and are 0 otherwise; the GPU's memory is not known (null).
 */
public record InstanceType(String id, String name, int memoryLimitMib, int millicpuLimit, int gpuCount, String gpuType,
                           Integer gpuMemoryLimitMib) {

    private static final Pattern FORM = Pattern.compile("(?:(?<gpu>[A-Za-z][A-Za-z0-9]*)(?::(?<count>\\d{1,3}))?x)?(?<cpu>\\d{1,4})x(?<memory>\\d{1,5})");

    public static InstanceType of(String id) {
        Matcher form = FORM.matcher(id);
        if (!form.matches()) {
            return new InstanceType(id, id, 0, 0, 0, null, null);
        }
        String gpu = form.group("gpu");
        int gpus = gpu == null ? 0 : form.group("count") == null ? 1 : Integer.parseInt(form.group("count"));
        return new InstanceType(id, id, Integer.parseInt(form.group("memory")) * 1024,
                Integer.parseInt(form.group("cpu")) * 1000, gpus, gpu, null);
    }
}
