package nl.ipsexchange.platform.security;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks an endpoint's {@code @PreAuthorize} before Spring MVC reads and validates the request body: a role that
 * is not allowed gets 403, not a 400 describing what a valid request would look like. The method-level check still
 * runs as well.
 */
public class AuthorizeBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod handlerMethod) {
            Method method = handlerMethod.getMethod();
            MethodInvocation invocation = new SimpleMethodInvocation(handlerMethod.getBean(), method);
            AuthorizationResult result = preAuthorize.authorize(
                    () -> SecurityContextHolder.getContext().getAuthentication(), invocation);
            if (result != null && !result.isGranted()) {
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }
}
