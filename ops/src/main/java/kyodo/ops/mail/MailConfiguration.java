package kyodo.ops.mail;

import kyodo.ops.startup.OpsStores;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;

/**
 * Residents' mail (issue 17): a durable outbox and its relay. With {@code spring.mail.host} set,
 * Spring Boot configures an SMTP sender and mail goes through it; without (the embedded default),
 * every message is written as an {@code .eml} file under {@code <data-dir>/outbox/}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

    @Bean(destroyMethod = "close")
    Outbox outbox(MailSettings settings, Environment env, Clock clock) {
        return new Outbox(OpsStores.url(settings.outboxUrl(), env, OpsStores.OUTBOX), settings, clock);
    }

    @Bean
    MailRelay mailRelay(Outbox outbox, MailSettings settings, ObjectProvider<JavaMailSender> smtp, Environment env) {
        JavaMailSender sender = smtp.getIfAvailable();
        MailDelivery delivery = sender != null
                ? MailDelivery.smtp(sender, settings.from(), env.getProperty("spring.mail.host"))
                : MailDelivery.files(OpsStores.dataDir(env).resolve("outbox"), settings.from());
        MailRelay relay = new MailRelay(outbox, delivery, settings);
        relay.startedWith(env);
        return relay;
    }
}
