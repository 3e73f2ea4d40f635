package io.envguard.authz.check;

import io.envguard.authz.identity.Principal;
import io.envguard.edge.error.ApiException;
import java.util.Map;

/**
 * The teams of the models and chains a dry run names, by id. deployment-service owns models and chains: it relays the
 * public dry run here and fills this in with those the caller may see (replacing whatever the client sent), so that
 * authz-service never calls it. A team is answered about only if the caller acts in it, as when the team is named, so
 * an owner that is wrong or forged reveals nothing that asking about that team would not.
 */
public record Owners(Map<String, String> models, Map<String, String> chains) {

    /**
     * The team a check is about: the owner of the model or chain named, or the team named. A model or chain without
     * an owner here, or a team of another organisation or one the caller is not in, is "not found", never "denied"
     * (API.md §6).
     */
    static String teamOf(Owners owners, String modelId, String chainId, String teamId, Principal principal) {
        String team;
        String what;
        if (modelId != null) {
            team = owners == null || owners.models() == null ? null : owners.models().get(modelId);
            what = "model " + modelId;
        } else if (chainId != null) {
            team = owners == null || owners.chains() == null ? null : owners.chains().get(chainId);
            what = "chain " + chainId;
        } else {
            team = teamId;
            what = "team " + teamId;
        }
        if (team == null || !principal.actsIn(team)) {
            throw ApiException.notFound(what);
        }
        return team;
    }
}
