package dev.latchkey.token.rest.model;

/** The same answer whatever the strings were: never says whether one was a real token. */
public record LeakReportReceipt(int received) {
}
