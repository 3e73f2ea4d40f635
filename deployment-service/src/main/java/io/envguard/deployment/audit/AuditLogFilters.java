package io.envguard.deployment.audit;

import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * The filters of an audit log: Baseten's ({@code user_ids}, {@code deployment_ids}, {@code chain_deployment_ids},
 * {@code environment_names}, {@code start_epoch_millis}, {@code end_epoch_millis}, {@code direction}) and Envguard's
 * ({@code environment}, {@code user_id}, {@code since}, {@code until}). {@code search}, {@code event_type_groups} and
 * {@code sources}, like any other query parameter, are accepted and ignored (every entry comes from the API).
 */
public class AuditLogFilters {
    @QueryParam("cursor") String cursor;
    @QueryParam("limit") Integer limit;
    @QueryParam("direction") String direction;
    @QueryParam("user_ids") List<String> userIds;
    @QueryParam("deployment_ids") List<String> deploymentIds;
    @QueryParam("chain_deployment_ids") List<String> chainDeploymentIds;
    @QueryParam("environment_names") List<String> environmentNames;
    @QueryParam("start_epoch_millis") Long startEpochMillis;
    @QueryParam("end_epoch_millis") Long endEpochMillis;
    @QueryParam("environment") String environment;
    @QueryParam("user_id") String userId;
    @QueryParam("since") String since;
    @QueryParam("until") String until;
}
