package dev.lightbox.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.lightbox.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * One JSON line per admin action, whatever its outcome, in the {@code lightbox.audit} log category (route it to its
 * own sink): {"time","actor","action","target","outcome"}; outcome is "success" or the problem code it failed with.
 */
@ApplicationScoped
public class AuditLog {

    static final String CATEGORY = "lightbox.audit";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    public <T> Uni<T> record(String actor, String action, String target, Uni<T> work) {
        return work.onItemOrFailure().invoke((item, failure) -> write(actor, action, target,
                failure == null ? "success" : failure instanceof ProblemException problem ? problem.problem().code() : "error"));
    }

    private void write(String actor, String action, String target, String outcome) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("actor", actor);
        line.put("action", action);
        line.put("target", target);
        line.put("outcome", outcome);
        try {
            AUDIT.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            AUDIT.errorf("Unwritable audit line for %s %s by %s: %s", action, target, actor, outcome);
        }
    }
}
