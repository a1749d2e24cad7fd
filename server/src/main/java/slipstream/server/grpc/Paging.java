package slipstream.server.grpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import slipstream.proto.v1.PageRequest;
import slipstream.server.error.InvalidArgumentException;

/** Offset paging behind opaque tokens (AIP-158 shape) for every List RPC. */
public record Paging(int offset, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    /** Validates the request's page (field path {@code page.*}) and decodes its token. */
    public static Paging of(PageRequest page) {
        if (page.getPageSize() < 0 || page.getPageSize() > MAX_SIZE) {
            throw InvalidArgumentException.of("page.page_size", "must be 0.." + MAX_SIZE + " (0 means "
                    + DEFAULT_SIZE + "), is " + page.getPageSize());
        }
        int size = page.getPageSize() == 0 ? DEFAULT_SIZE : page.getPageSize();
        if (page.getPageToken().isEmpty()) {
            return new Paging(0, size);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(page.getPageToken()), StandardCharsets.UTF_8);
            if (!decoded.startsWith("offset:")) {
                throw new IllegalArgumentException(decoded);
            }
            int offset = Integer.parseInt(decoded.substring("offset:".length()));
            if (offset < 0) {
                throw new IllegalArgumentException(decoded);
            }
            return new Paging(offset, size);
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of("page.page_token",
                    "is not a token returned by this server; pass next_page_token from the previous response");
        }
    }

    /** Token for the page after this one when {@code returned} items filled this page, else empty. */
    public String nextToken(int returned) {
        if (returned < size) {
            return "";
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + (offset + size)).getBytes(StandardCharsets.UTF_8));
    }
}
