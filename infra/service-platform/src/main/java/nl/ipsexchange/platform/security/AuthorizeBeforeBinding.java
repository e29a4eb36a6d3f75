package nl.ipsexchange.platform.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.audit.ReadsHealthData;

/**
 * Checks an endpoint's {@code @PreAuthorize} before Spring MVC reads and validates the request body: a role that
 * is not allowed gets 403, not a 400 describing what a valid request would look like. The method-level check still
 * runs as well. A refused attempt at an endpoint that {@linkplain ReadsHealthData reads health data} is recorded.
 */
public class AuthorizeBeforeBinding implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthorizeBeforeBinding.class);
    private static final Set<DataCategory> HEALTH = Arrays.stream(DataCategory.values())
            .filter(DataCategory::isHealthData).collect(Collectors.toUnmodifiableSet());

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();
    private final ObjectProvider<AccessRecorder> recorder;
    private final ObjectProvider<TransactionTemplate> transactions;

    public AuthorizeBeforeBinding(ObjectProvider<AccessRecorder> recorder,
                                  ObjectProvider<TransactionTemplate> transactions) {
        this.recorder = recorder;
        this.transactions = transactions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod handlerMethod) {
            Method method = handlerMethod.getMethod();
            MethodInvocation invocation = new SimpleMethodInvocation(handlerMethod.getBean(), method);
            AuthorizationResult result = preAuthorize.authorize(
                    () -> SecurityContextHolder.getContext().getAuthentication(), invocation);
            if (result != null && !result.isGranted()) {
                ReadsHealthData health = method.getAnnotation(ReadsHealthData.class);
                if (health != null) {
                    recordRefusal(request, health);
                }
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }

    private void recordRefusal(HttpServletRequest request, ReadsHealthData health) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String client = variables == null ? null : variables.get(health.client());
        AccessRecorder accessRecorder = recorder.getIfAvailable();
        TransactionTemplate transaction = transactions.getIfAvailable();
        if (!isUuid(client) || accessRecorder == null || transaction == null) {
            return; // no client named: nothing of anyone's health data was at stake
        }
        Set<DataCategory> categories = categories(variables.get(health.category()));
        try {
            transaction.executeWithoutResult(status -> accessRecorder.record(AccessRecord.refused(
                    CurrentUser.actor(), client, categories, "this role may not read health data at this endpoint")));
        } catch (RuntimeException e) {
            // the read is refused either way; the refusal itself could not be recorded
            log.warn("a refused health read could not be recorded: {}", e.getClass().getSimpleName());
        }
    }

    private static Set<DataCategory> categories(String category) {
        if (category != null) {
            try {
                DataCategory one = DataCategory.valueOf(category);
                if (one.isHealthData()) {
                    return Set.of(one);
                }
            } catch (IllegalArgumentException notACategory) {
                // every health category was at stake
            }
        }
        return HEALTH;
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
