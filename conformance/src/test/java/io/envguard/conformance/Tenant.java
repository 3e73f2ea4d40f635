package io.envguard.conformance;

import io.envguard.conformance.Gateway.Organization;
import io.envguard.conformance.Gateway.Reply;
import io.envguard.conformance.Gateway.User;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.envguard.conformance.Gateway.expectSuccess;
import static io.envguard.conformance.Gateway.send;

/**
 * An organisation of its own for a test class: an admin, a member, a second team with the member in it, and the
 * models, chains and keys a test sets up there, through the gateway. Every setup step acts as the admin.
 */
final class Tenant {

    /** The chainlets of every chain deployment, named as the spec's examples name them. */
    static final List<String> CHAINLETS = List.of("HelloWorld", "RandInt");

    record Model(String id, String firstDeployment) {
    }

    record Chain(String id, String firstDeployment) {
    }

    final Organization organization;
    final User admin;
    final User member;
    final String team;
    private final Spec spec;

    private Tenant(Spec spec, String label) {
        this.spec = spec;
        this.organization = Gateway.newOrganization(label);
        this.admin = organization.admin();
        this.member = Gateway.newMember(organization, label + "-member", "MEMBER");
        this.team = Gateway.newTeam(organization, label + "-team", member);
    }

    static Tenant create(Spec spec, String label) {
        return new Tenant(spec, label);
    }

    /** A new model of the default team with its first deployment. */
    Model newModel() {
        return newModelAt("/v1/models");
    }

    /** A new model of a team with its first deployment. */
    Model newModel(String teamId) {
        return newModelAt("/v1/teams/" + teamId + "/models");
    }

    /** The spec's body for a model made from an archive (Envguard forks no library listings). */
    ObjectNode modelBody() {
        ObjectNode body = Spec.JSON.createObjectNode();
        body.set("source", spec.example("ModelArchiveSourceV1").put("name", unique("model")));
        return body;
    }

    private Model newModelAt(String path) {
        JsonNode created = expectSuccess("POST " + path, send("POST", path, admin, modelBody())).json();
        return new Model(created.at("/model/id").asString(), created.at("/deployment/id").asString());
    }

    /** A new deployment of a model (what {@code truss push} does), not current anywhere. */
    String push(String modelId) {
        String path = "/v1/models/" + modelId + "/deployments";
        Reply pushed = send("POST", path, admin, spec.documentedBody(spec.operation("POST /v1/models/{model_id}/deployments")));
        return expectSuccess("POST " + path, pushed).json().at("/deployment/id").asString();
    }

    /** A new model whose first deployment is current in production. */
    Model newModelInProduction() {
        Model model = newModel();
        promote("models", model.id(), "production", model.firstDeployment());
        return model;
    }

    /** A new chain of the default team (Envguard's own {@code POST /v1/chains}) with its first deployment. */
    Chain newChain() {
        String id = expectSuccess("POST /v1/chains", send("POST", "/v1/chains", admin,
                Map.of("name", unique("chain")))).json().path("id").asString();
        return new Chain(id, pushChain(id));
    }

    /** A new chain whose first deployment is current in production. */
    Chain newChainInProduction() {
        Chain chain = newChain();
        promote("chains", chain.id(), "production", chain.firstDeployment());
        return chain;
    }

    /** A new deployment of a chain (Envguard's own {@code POST /v1/chains/{chain_id}/deployments}). */
    String pushChain(String chainId) {
        String path = "/v1/chains/" + chainId + "/deployments";
        return expectSuccess("POST " + path, send("POST", path, admin, Map.of("chainlets", CHAINLETS)))
                .json().path("id").asString();
    }

    /** The id of a chain deployment's first chainlet. */
    String chainletId(String chainId, String deploymentId) {
        String path = "/v1/chains/" + chainId + "/deployments/" + deploymentId;
        return expectSuccess("GET " + path, send("GET", path, admin, (String) null)).json()
                .at("/chainlets/0/id").asString();
    }

    /** Makes a deployment current in an environment of a model or chain ({@code kind} is models or chains). */
    void promote(String kind, String id, String environment, String deploymentId) {
        String path = "/v1/" + kind + "/" + id + "/environments/" + environment + "/promote";
        expectSuccess("POST " + path, send("POST", path, admin, Map.of("deployment_id", deploymentId)));
    }

    /** A new environment of a model or chain, with default settings. */
    void createEnvironment(String kind, String id, String environment) {
        String path = "/v1/" + kind + "/" + id + "/environments";
        expectSuccess("POST " + path, send("POST", path, admin, Map.of("name", environment)));
    }

    /** Deactivates a deployment through the spec's path, so that activating it changes something. */
    void deactivate(String path) {
        expectSuccess("POST " + path, send("POST", path, admin, (String) null));
    }

    /** The prefix of a new API key of the admin. */
    String newApiKeyPrefix() {
        JsonNode key = expectSuccess("POST /v1/api_keys", send("POST", "/v1/api_keys", admin,
                Map.of("name", unique("key"), "type", "PERSONAL"))).json();
        return key.path("api_key").asString().split("\\.")[0];
    }

    static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
