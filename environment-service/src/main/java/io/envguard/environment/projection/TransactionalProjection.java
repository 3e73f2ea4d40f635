package io.envguard.environment.projection;

import io.agroal.api.AgroalDataSource;
import io.envguard.environment.organization.OrganizationEvent.AccessGranted;
import io.envguard.environment.organization.OrganizationEvent.AccessRevoked;
import io.envguard.environment.organization.OrganizationEvent.ApiKeyCreated;
import io.envguard.environment.organization.OrganizationEvent.ApiKeyDeleted;
import io.envguard.environment.organization.OrganizationEvent.EnvironmentGroupUnrestricted;
import io.envguard.environment.organization.OrganizationEvent.GrantExpired;
import io.envguard.environment.organization.OrganizationEvent.MemberRemoved;
import io.envguard.environment.organization.OrganizationEvent.TeamMemberRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.SourceId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp as SqlTimestamp;
