package dev.latchkey.accounts.rest.model;

/** Search criteria: a case-insensitive name fragment (empty = all). */
public record AccountSearch(String name) {
}
