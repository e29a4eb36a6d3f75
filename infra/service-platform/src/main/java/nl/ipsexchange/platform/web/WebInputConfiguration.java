package nl.ipsexchange.platform.web;

import java.time.LocalDate;
import java.util.List;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.cbor.MappingJackson2CborHttpMessageConverter;
import org.springframework.http.converter.smile.MappingJackson2SmileHttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How a service reads what clients send, beyond {@code spring.jackson} in {@code ips-platform.yml}: JSON is read as
 * written, not converted ({@link #strictJson()}), dates are dates a person means ({@link InputDates}), the body is
 * JSON and nothing else (Spring also reads YAML when its library is on the class path), no body larger than
 * {@code ips.web.max-request-body} is read ({@link RequestBodyLimitFilter}), and what Tomcat refuses before the
 * application sees it is answered with a problem document ({@link ProblemErrorReportValve}), as is a NUL character
 * anywhere ({@link NulCharacters}) and every error that reaches {@code /error} ({@link ProblemErrorController}).
 * A request for a page gets its error as a page ({@link ProblemPages}).
 * And how it answers: a JSON answer goes out with its length, in one piece ({@link SizedJsonHttpMessageConverter}).
 */
@Configuration(proxyBeanMethods = false)
public class WebInputConfiguration {

    /**
     * JSON is read as written: a number is not a boolean ({@code "wishesToWork": 1} is refused, not read as true), nor
     * a string ({@code "name": 12.5}), a boolean is not a string, a string is not a number ({@code "hours": "2"}), a
     * number is not a date (Jackson reads {@code 1990} as a day count), and a field given twice is refused instead of
     * the last one silently winning (a consent for {@code "recipients": ["INSURER"], "recipients": ["BENEFITS"]}).
     */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(LocalDate.class, new InputDates.Deserializer())
                .deserializerByType(String.class, new NulCharacters.Deserializer())
                .postConfigurer(mapper -> {
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    }
                });
    }

    /**
     * Dates in queries, paths and forms as in bodies ({@link InputDates}); and bodies in JSON only: the YAML, CBOR
     * and Smile converters that Spring adds when their libraries are on the class path are removed (YAML came with
     * the OpenAPI library, and read a body past the JSON rules: unknown fields ignored, a name given twice).
     */
    @Bean
    public WebMvcConfigurer jsonAndInputDates() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(LocalDate.class, new InputDates.Formatter());
            }

            /** Errors of page requests become error pages ({@link ProblemPages}); the API's stay documents. */
            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.replaceAll(resolver -> resolver instanceof ExceptionHandlerExceptionResolver
                        ? new ProblemPages(resolver) : resolver);
            }

            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(converter -> converter instanceof MappingJackson2YamlHttpMessageConverter
                        || converter instanceof MappingJackson2CborHttpMessageConverter
                        || converter instanceof MappingJackson2SmileHttpMessageConverter);
            }
        };
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

    /** After the body limit, before security: a NUL in the URL or a form is refused before anyone reads it. */
    @Bean
    public FilterRegistrationBean<NulCharacters.Filter> nulCharacters() {
        FilterRegistrationBean<NulCharacters.Filter> registration =
                new FilterRegistrationBean<>(new NulCharacters.Filter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /**
     * {@code /error}: Spring Boot's error controller, with a problem document for API clients that never names the
     * path, and a 404 when it is asked for directly instead of a 500.
     */
    @Bean
    public ProblemErrorController problemErrorController(ErrorAttributes errorAttributes,
                                                         ServerProperties server,
                                                         ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ProblemErrorController(errorAttributes, server.getError(),
                errorViewResolvers.orderedStream().toList());
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
                if (host instanceof StandardHost standard) {
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
