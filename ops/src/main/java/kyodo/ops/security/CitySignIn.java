package kyodo.ops.security;

/**
 * That the console offers "sign in with the city's account", and where the button leads: a bean only
 * when {@code kyodo.console.oidc.client-id} is set, so the sign-in page shows the button only then.
 *
 * @param path where the browser starts the authorization-code flow
 */
public record CitySignIn(String path) {
}
