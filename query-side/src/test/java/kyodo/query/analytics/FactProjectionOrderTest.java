package kyodo.query.analytics;

import kyodo.query.platform.GlobalOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every analytics fact projection runs in one segment: the cells are shared by many subjects, so its
 * processor must be their only writer. The mark sits on {@link FactProjection}; the store's
 * configuration finds it on each projection bean as here.
 */
class FactProjectionOrderTest {

    @Test
    void everyFactProjectionBeanIsMarkedForTheGlobalOrder() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        List<Class<?>> projections = List.of(ProposalFactsProjection.class, ProjectFactsProjection.class,
                BudgetFactsProjection.class, MeetingFactsProjection.class, DecisionFactsProjection.class);
        projections.forEach(type -> beans.registerBeanDefinition(type.getSimpleName(), new RootBeanDefinition(type)));

        assertThat(projections).allSatisfy(type -> assertThat(beans.findAnnotationOnBean(type.getSimpleName(),
                GlobalOrder.class)).as(type.getSimpleName()).isNotNull());
    }
}
