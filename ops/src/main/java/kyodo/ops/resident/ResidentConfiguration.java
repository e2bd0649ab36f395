package kyodo.ops.resident;

import com.zaxxer.hikari.HikariDataSource;
import kyodo.command.platform.CommandStorageConfiguration;
import kyodo.command.proposal.ProposalIntake;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.VaultSettings;
import kyodo.ops.mail.Outbox;
import kyodo.ops.security.EdgeLimits;
import kyodo.ops.startup.OpsStores;
import kyodo.query.portal.ResidentArea;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Residents' accounts (issue 17): their store, the city's secrets for their blind index and
 * pseudonyms, their limits, mail and sign-in; their pages' texts ({@code i18n/resident_*}) join the
 * portal's message source as a bundle of their own, keys starting with {@code resident.}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResidentSettings.class)
class ResidentConfiguration {

    static final String BUNDLE = "i18n/resident";

    ResidentConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }

    /** Tells the portal that {@code /resident/**} is served here, so its pages link to "follow" and "support". */
    @Bean
    ResidentArea residentArea() {
        return new ResidentArea() {
        };
    }

    @Bean(destroyMethod = "close")
    ResidentAccounts residentAccounts(ResidentSettings settings, Environment env) {
        return new ResidentAccounts(OpsStores.url(settings.accountsUrl(), env, OpsStores.RESIDENTS));
    }

    /** In the vault's database, as the contact index's secret is; read once at start, so the pool closes. */
    @Bean
    ResidentSecrets residentSecrets(VaultSettings vault, SecureRandom random) {
        try (HikariDataSource pool = CommandStorageConfiguration.vaultPool(vault, "kyodo-resident-secrets")) {
            pool.setMaximumPoolSize(1);
            return ResidentSecrets.open(pool, random);
        }
    }

    @Bean
    ResidentLimits residentLimits(ResidentSettings settings, Clock clock) {
        return new ResidentLimits(new EdgeLimits(clock), settings);
    }

    @Bean
    AccountSubjects residentAccountSubjects(PersonalDataProtector protector, PersonKeyVault vault, ContactIndex index) {
        return new AccountSubjects(protector, vault, index);
    }

    @Bean
    ResidentDesk residentDesk(ResidentAccounts accounts, ResidentSecrets secrets, AccountSubjects subjects,
                              BCryptPasswordEncoder encoder, Outbox outbox, ResourceBundleMessageSource portalMessages,
                              ResidentLimits limits, ResidentSettings settings, Clock clock) {
        return new ResidentDesk(accounts, secrets, subjects, encoder, new ResidentMails(outbox, portalMessages), limits,
                settings, clock);
    }

    @Bean
    CounterCodes counterCodes(ResidentDesk desk) {
        return new CounterCodes(desk);
    }

    @Bean
    ResidentSupports residentSupports(AggregateCommands commands) {
        return new ResidentSupports(commands);
    }

    @Bean
    ResidentProposals residentProposals(ResidentAccounts accounts, ProposalIntake intake, AggregateCommands commands,
                                        Clock clock) {
        return new ResidentProposals(accounts, intake, commands, clock);
    }
}
