package kyodo.command.meeting;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the meeting settings ({@link QuorumPolicy}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuorumPolicy.class)
class MeetingConfiguration {
}
