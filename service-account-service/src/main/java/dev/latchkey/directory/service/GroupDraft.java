package dev.latchkey.directory.service;

import java.util.List;

/** What a SCIM request says a group should be: its name, external id and member ids. */
public record GroupDraft(String displayName, String externalId, List<String> memberIds) {
}
