package id.orqestra.cloud.platform.web;

import id.orqestra.model.api.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * A statement the database refused. Our checks ("is this name taken?") run before the insert, so two
 * identical requests at the same moment can both pass them; the unique index then refuses the second,
 * which is a conflict to report as one (409), not a server failure. Anything else is a bug: logged,
 * and answered with the plain sentence, never with the SQL.
 */
@Produces
@Singleton
@Requires(classes = {UnableToExecuteStatementException.class, ExceptionHandler.class})
public class DatabaseConflictHandler implements ExceptionHandler<UnableToExecuteStatementException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConflictHandler.class);
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, UnableToExecuteStatementException exception) {
        if (exception.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            LOG.info("{} {}: refused as a duplicate of what another request just created", request.getMethod(), request.getPath());
            return Problems.of(HttpStatus.CONFLICT, "Already exists",
                    "Another request created the same thing a moment ago. Refresh to see it.");
        }
        LOG.error("{} {} failed in the database", request.getMethod(), request.getPath(), exception);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", ProblemErrorResponseProcessor.SERVER_FAILURE);
    }
}
