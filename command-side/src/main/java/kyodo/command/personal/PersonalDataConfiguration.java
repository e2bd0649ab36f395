package kyodo.command.personal;

import com.zaxxer.hikari.HikariDataSource;
import kyodo.command.platform.CommandStorageConfiguration;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.VaultSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;

/** The contact index, in the vault's database beside the keys (ADR 3). */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    /** Its own small pool: the index is written once per sealed subject and read by an administrator. */
    @Bean
    @ConditionalOnMissingBean
    ContactIndex contactIndex(VaultSettings settings, SecureRandom random) {
        HikariDataSource pool = CommandStorageConfiguration.vaultPool(settings, "kyodo-contact-index");
        pool.setMaximumPoolSize(2);
        return ContactIndex.open(pool, random);
    }
}
