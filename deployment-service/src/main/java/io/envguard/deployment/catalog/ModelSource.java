package io.envguard.deployment.catalog;

import io.envguard.deployment.deployment.DeploymentArchive;
import io.envguard.deployment.deployment.DeploymentSource;
import io.envguard.edge.error.ApiException;

/**
 * The {@code source} of Baseten's {@code CreateModelRequestV1}, one of two kinds:
 * {@code model_archive} ({@code name}, {@code deployment}, {@code s3_key}, {@code disable_archive_download}) and
 * {@code library_listing} ({@code lab_display_name}, {@code user_defined_listing_id}, {@code deployed_model_name}).
 * Envguard has no model library and uploads nothing: a listing creates a model named {@code deployed_model_name} (else
 * the listing id) with a first deployment of default settings; {@code s3_key} and {@code disable_archive_download} are
 * accepted and ignored.
 */
public record ModelSource(String kind, String name, DeploymentArchive deployment, String s3Key,
                          Boolean disableArchiveDownload, String labDisplayName, String userDefinedListingId,
                          String deployedModelName) {

    public static final String LIBRARY_LISTING = "library_listing";

    /** The name of the model to create; 400 when the source does not say what its kind needs. */
    public String modelName() {
        if (LIBRARY_LISTING.equals(kind)) {
            if (labDisplayName == null || userDefinedListingId == null) {
                throw ApiException.validation("source", "a library_listing needs lab_display_name and user_defined_listing_id");
            }
            return deployedModelName != null ? deployedModelName : userDefinedListingId;
        }
        if (kind != null && !DeploymentSource.MODEL_ARCHIVE.equals(kind)) {
            throw ApiException.validation("source.kind", "must be model_archive or library_listing");
        }
        DeploymentSource.requireArchive(deployment, "source.deployment");
        return name;
    }

    /** The payload of the model's first deployment: none for a library listing. */
    public DeploymentArchive archive() {
        return LIBRARY_LISTING.equals(kind) ? null : deployment;
    }
}
