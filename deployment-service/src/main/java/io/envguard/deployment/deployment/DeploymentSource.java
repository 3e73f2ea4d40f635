package io.envguard.deployment.deployment;

import io.envguard.edge.error.ApiException;

/**
 * Baseten's {@code DeploymentArchiveSourceV1}, the {@code source} of {@code CreateModelDeploymentRequestV1}:
 * {@code kind} {@code model_archive} (the default); {@code s3_key} is accepted and ignored (nothing is uploaded).
 */
public record DeploymentSource(String kind, DeploymentArchive deployment, String s3Key) {

    public static final String MODEL_ARCHIVE = "model_archive";

    /** The archive payload; 400 when the source is not a model archive or lacks its deployment and config. */
    public DeploymentArchive archive(String field) {
        if (kind != null && !MODEL_ARCHIVE.equals(kind)) {
            throw ApiException.validation(field + ".kind", "must be " + MODEL_ARCHIVE);
        }
        return requireArchive(deployment, field + ".deployment");
    }

    public static DeploymentArchive requireArchive(DeploymentArchive archive, String field) {
        if (archive == null || archive.config() == null || !archive.config().isObject()) {
            throw ApiException.validation(field + ".config", "is required, a JSON object");
        }
        return archive;
    }
}
