package dev.palo.activities.llm;

/** A run named a secret that is not on the allow-list, or an endpoint its secret is not bound to. */
public class SecretNotAllowedException extends IllegalArgumentException {
    public SecretNotAllowedException(String message) {
        super(message);
    }
}
