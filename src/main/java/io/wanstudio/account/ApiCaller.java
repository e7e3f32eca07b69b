package io.wanstudio.account;

/** Who a valid API token belongs to. */
public record ApiCaller(String username, Role role) {
}
