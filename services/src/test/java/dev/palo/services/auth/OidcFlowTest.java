package dev.palo.services.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OidcFlowTest {
    @Test
    void aFlowSurvivesItsCookieAndEverySignInGetsItsOwn() {
        OidcLogin.Flow flow = OidcLogin.newFlow();
        OidcLogin.Flow back = OidcLogin.Flow.of(flow.cookie());

        assertEquals(flow.state(), back.state());
        assertEquals(flow.verifier().getValue(), back.verifier().getValue());
        assertEquals(flow.nonce(), back.nonce());
        assertNotEquals(flow.state(), OidcLogin.newFlow().state());
    }

    @Test
    void aMissingOrMangledCookieIsASignInToStartAgain() {
        for (String cookie : new String[] {null, "", "only-a-state", "a~b~c~d"}) {
            OidcLogin.SignInFailed failed = assertThrows(OidcLogin.SignInFailed.class, () -> OidcLogin.Flow.of(cookie));
            assertEquals("the sign-in expired or was started in another browser: sign in again", failed.getMessage());
        }
    }
}
