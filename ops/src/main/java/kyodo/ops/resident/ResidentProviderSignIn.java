package kyodo.ops.resident;

/**
 * That the residents' sign-in page offers "sign in with <provider>", and where the button leads: a bean
 * only when {@code kyodo.residents.oidc.client-id} is set.
 *
 * @param path where the browser starts the authorization-code flow
 * @param name the provider's name for the button, or null for a generic wording
 */
record ResidentProviderSignIn(String path, String name) {
}
