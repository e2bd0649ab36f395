package kyodo.kernel.access;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {

    @Test
    void aWardScopedActorCoversOnlyTheirWard() {
        Actor saiwai = new Actor("s-0001", Role.STAFF, Ward.SAIWAI);
        assertThat(saiwai.covers(Ward.SAIWAI)).isTrue();
        assertThat(saiwai.covers(Ward.NAKAHARA)).isFalse();
        assertThat(saiwai.covers(null)).as("a city-wide subject").isFalse();
        assertThat(saiwai.scopeCode()).isEqualTo("saiwai");
    }

    @Test
    void aCityWideActorCoversEveryWardAndCityWideSubjects() {
        Actor city = new Actor("s-0002", Role.STAFF, null);
        assertThat(city.covers(Ward.TAMA)).isTrue();
        assertThat(city.covers(null)).isTrue();
        assertThat(city.scopeCode()).isEqualTo(Actor.CITY_WIDE);
    }

    @Test
    void rolesAndScopesMustFit() {
        assertThatThrownBy(() -> new Actor("h-1", Role.WARD_HEAD, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor("a-1", Role.ADMIN, Ward.ASAO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor("n-1", Role.ANALYST, Ward.ASAO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor("川崎 太郎", Role.STAFF, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor("../x", Role.STAFF, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsRecordTheIdAndRoleOnly() {
        assertThat(new Actor("h-7", Role.WARD_HEAD, Ward.TAKATSU).staffRef()).isEqualTo(new StaffRef("h-7", "WARD_HEAD"));
        assertThat(Role.fromName("ANALYST")).contains(Role.ANALYST);
        assertThat(Role.fromName("ROOT")).isEmpty();
        assertThat(Role.ANALYST.issuesCommands()).isFalse();
    }
}
