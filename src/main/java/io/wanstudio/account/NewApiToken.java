package io.wanstudio.account;

/** A token just made: the stored record and the one time its plaintext exists. */
public record NewApiToken(ApiToken token, String plaintext) {
}
