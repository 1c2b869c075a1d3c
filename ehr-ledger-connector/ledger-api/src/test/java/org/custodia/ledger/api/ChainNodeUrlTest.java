package org.custodia.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChainNodeUrlTest {

    @Test
    void aPlainUrlIsShownAsItIs() {
        assertEquals("http://127.0.0.1:8545", ChainNodeUrl.shown("http://127.0.0.1:8545"));
        assertEquals("https://besu.hospital-a.example", ChainNodeUrl.shown("https://besu.hospital-a.example/"));
        assertEquals("http://[::1]:8545", ChainNodeUrl.shown(" http://[::1]:8545 "));
    }

    @Test
    void credentialsInTheUrlAreNeverShown() {
        assertEquals("https://gateway.example:8443", ChainNodeUrl.shown("https://ops:s3cret@gateway.example:8443"));
        assertEquals("https://gateway.example/...", ChainNodeUrl.shown("https://gateway.example/v3/0123456789abcdef"));
        assertEquals("https://gateway.example/...", ChainNodeUrl.shown("https://gateway.example?apikey=s3cret"));
        assertEquals("https://gateway.example/...", ChainNodeUrl.shown("https://gateway.example/#s3cret"));
    }

    @Test
    void aUrlThatCannotBeReadIsNotQuoted() {
        assertEquals("(not a valid URL)", ChainNodeUrl.shown("http://ops:s3cret@gate way/"));
        assertEquals("(not an absolute URL with a host)", ChainNodeUrl.shown("s3cret"));
        assertEquals("(no URL configured)", ChainNodeUrl.shown(" "));
        assertEquals("(no URL configured)", ChainNodeUrl.shown(null));
    }
}
