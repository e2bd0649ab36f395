package kyodo.query.portal;

/**
 * Present as a bean when this process serves the residents' pages ({@code /resident/**}: sign-up,
 * follows, supports). Only the all-in-one application does (the pages send commands and read the read
 * models, so they need both sides; the module that holds both declares this bean). The portal links a
 * subject's page to them ("follow", "support") only then: a query-only process has no such bean and
 * shows no link that would lead to a refusal.
 */
public interface ResidentArea {
}
