package kyodo.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.codec.CodecProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The command edge's WebFlux setup: who is acting ({@link ActingStaff}) on what
 * ({@link CommandSubject}), and request bodies read strictly ({@link StrictJson}): an unknown
 * field, a trailing token, a null for a number, a number for a text, a duplicate key is a 400, not
 * silently ignored or guessed at. Only the HTTP edge is strict; events are read leniently so that
 * old readers survive new fields.
 */
@Configuration(proxyBeanMethods = false)
public class CommandWebConfiguration implements WebFluxConfigurer {

    static {
        // who acts comes from the sign-in (ActingStaff), never from the request: not an API parameter;
        // a CommandSubject's id and If-Match are described by the route's annotation (PostToSubject)
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class, StaffRef.class, CommandSubject.class);
    }

    private final ObjectMapper strict;
    private final int limitBytes;

    @SuppressWarnings("deprecation") // spring.codec.* stays the property operators set (CommandSideDefaults)
    public CommandWebConfiguration(ObjectMapper mapper, CodecProperties codec) {
        this.strict = StrictJson.configure(mapper.copy());
        this.limitBytes = (int) codec.getMaxInMemorySize().toBytes();
    }

    @Override
    public void configureArgumentResolvers(
            org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new ActingStaff());
        configurer.addCustomResolver(new CommandSubject.Resolver());
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        Jackson2JsonDecoder decoder = new StrictUtf8JsonDecoder(strict);
        decoder.setMaxInMemorySize(limitBytes);
        configurer.defaultCodecs().jackson2JsonDecoder(decoder);
        configurer.defaultCodecs().maxInMemorySize(limitBytes);
    }
}
