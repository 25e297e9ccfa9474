package dev.latchkey.directory.scim;

/** An RFC 7644 §3.12 error: HTTP status, optional {@code scimType}, a detail for humans. */
public class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }
}
