package nl.ipsexchange.platform.web;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How a service reads what clients send, beyond {@code spring.jackson} in {@code ips-platform.yml}: a number is not
 * a boolean ({@code "wishesToWork": 1} is refused, not read as true), no body larger than
 * {@code ips.web.max-request-body} is read ({@link RequestBodyLimitFilter}), and what Tomcat refuses before the
 * application sees it is answered with a problem document ({@link ProblemErrorReportValve}). And how it answers: a
 * JSON answer goes out with its length, in one piece ({@link SizedJsonHttpMessageConverter}).
 */
@Configuration(proxyBeanMethods = false)
public class WebInputConfiguration {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer numbersAreNotBooleans() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /** Takes the place of Spring Boot's Jackson converter, with the same object mapper. */
    @Bean
    public SizedJsonHttpMessageConverter sizedJsonHttpMessageConverter(ObjectMapper mapper) {
        return new SizedJsonHttpMessageConverter(mapper);
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
            @Value("${ips.web.max-request-body:1MB}") DataSize limit) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);   // before security: nothing reads a huge body
        return registration;
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new ProblemErrorReports();
    }

    /** After Spring Boot's own customizer, which adds a plain error report valve to the host. */
    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                var host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
