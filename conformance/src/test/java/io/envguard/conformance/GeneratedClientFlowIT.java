package io.envguard.conformance;

import io.envguard.conformance.Gateway.User;
import io.envguard.conformance.Tenant.Model;
import io.envguard.conformance.client.ApiClient;
import io.envguard.conformance.client.ApiException;
import io.envguard.conformance.client.api.DefaultApi;
import io.envguard.conformance.client.model.APIKeyCategory;
import io.envguard.conformance.client.model.CreateAPIKeyRequestV1;
import io.envguard.conformance.client.model.DeploymentV1;
import io.envguard.conformance.client.model.EnvironmentGroupUserV1;
import io.envguard.conformance.client.model.EnvironmentGroupV1;
import io.envguard.conformance.client.model.PromoteRequestV1;
import io.envguard.conformance.client.model.UpdateAutoscalingSettingsResponseV1;
import io.envguard.conformance.client.model.UpdateAutoscalingSettingsV1;
import io.envguard.conformance.client.model.UpdateEnvironmentGroupManageAccessV1;
import io.envguard.conformance.client.model.UpdateEnvironmentGroupRequestV1;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's first flow, end to end, with the client generated from Baseten's spec and nothing else: what a
 * Baseten user's own tooling would do against Envguard. Only what the spec has no operation for (the organisation, its
 * members, the model and its pushes) is set up over plain HTTP; the member then works with an API key of their own.
 */
class GeneratedClientFlowIT {

    @Test
    void aMemberPromotesAndScalesARestrictedProductionOnlyOnceGrantedWhileEveryoneReads() throws ApiException {
        Tenant tenant = Tenant.create(Spec.load(), "flow");
        User bystander = Gateway.newMember(tenant.organization, "bystander", "MEMBER");
        Model model = tenant.newModelInProduction();
        String candidate = tenant.push(model.id());
        DefaultApi admin = api(tenant.admin.token());
        // The member acts as a Baseten user does: with a personal API key (made with their sign-in token) as Bearer.
        DefaultApi member = api(api(tenant.member.token()).v1ApiKeysPost(
                new CreateAPIKeyRequestV1().name("flow").type(APIKeyCategory.PERSONAL)).getApiKey());

        EnvironmentGroupV1 restricted = admin.v1EnvironmentGroupsEnvNamePatch("production", manageAccess(List.of()));
        assertTrue(restricted.getManageAccess().getIsRestricted());

        ApiException promoteRefused = assertThrows(ApiException.class, () ->
                member.v1ModelsModelIdDeploymentsDeploymentIdPromotePost(model.id(), candidate, new PromoteRequestV1()));
        ApiException scalingRefused = assertThrows(ApiException.class, () ->
                member.v1ModelsModelIdDeploymentsProductionAutoscalingSettingsPatch(model.id(), autoscaling()));
        assertRestricted(promoteRefused);
        assertRestricted(scalingRefused);

        EnvironmentGroupV1 granted = admin.v1EnvironmentGroupsEnvNamePatch("production",
                manageAccess(List.of(tenant.member.id())));
        assertTrue(granted.getManageAccess().getUsers().stream().map(EnvironmentGroupUserV1::getUserId)
                .anyMatch(tenant.member.id()::equals), "the member is among the users who may change production");

        DeploymentV1 promoted = member.v1ModelsModelIdDeploymentsDeploymentIdPromotePost(model.id(), candidate,
                new PromoteRequestV1());
        assertEquals(candidate, promoted.getId());
        assertEquals(Boolean.TRUE, promoted.getIsProduction());

        UpdateAutoscalingSettingsResponseV1 scaled = member.v1ModelsModelIdDeploymentsProductionAutoscalingSettingsPatch(
                model.id(), autoscaling());
        assertNotNull(scaled.getStatus());
        assertNotNull(scaled.getMessage());

        for (DefaultApi reader : List.of(admin, member, api(bystander.token()))) {
            assertEquals(model.id(), reader.v1ModelsModelIdGet(model.id()).getId());
            assertTrue(reader.v1ModelsModelIdDeploymentsGet(model.id(), null).getDeployments().stream()
                    .map(DeploymentV1::getId).anyMatch(candidate::equals));
            assertEquals(candidate, reader.v1ModelsModelIdEnvironmentsEnvNameGet(model.id(), "production")
                    .getCurrentDeployment().getId());
            assertTrue(reader.v1EnvironmentGroupsEnvNameGet("production").getManageAccess().getIsRestricted());
        }
    }

    /** The generated client surfaces Envguard's refusal as its own exception, with Envguard's error in the body. */
    private static void assertRestricted(ApiException refusal) {
        assertEquals(403, refusal.getCode(), refusal.getMessage());
        assertTrue(refusal.getResponseBody().contains("\"ENVIRONMENT_RESTRICTED\""), refusal.getResponseBody());
    }

    private static UpdateEnvironmentGroupRequestV1 manageAccess(List<String> grantedUserIds) {
        return new UpdateEnvironmentGroupRequestV1().manageAccess(
                new UpdateEnvironmentGroupManageAccessV1().isRestricted(true).userIds(grantedUserIds));
    }

    private static UpdateAutoscalingSettingsV1 autoscaling() {
        return new UpdateAutoscalingSettingsV1().minReplica(1).maxReplica(3);
    }

    /** The generated client, pointed at the gateway, sending a credential (token or API key) as Baseten's clients do. */
    private static DefaultApi api(String credential) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Gateway.URL);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + credential));
        return new DefaultApi(client);
    }
}
