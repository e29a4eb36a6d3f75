package nl.ipsexchange.platform.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * How the API answers a list a page at a time (issue 33; the trail's convention, ADR 27): keyset paging, the next
 * page starting after the last item shown ({@code after=<its id>}), the first page by default; the body stays the
 * JSON array it always was, and when more follow, a {@code Link} header with {@code rel="next"} gives the next page's
 * address. A list never stops silently.
 */
public final class ListPages {

    private ListPages() {
    }

    /**
     * The answer for one page.
     *
     * @param items the page, at most {@code limit} items, in the list's order
     * @param more  whether items follow the page (read one item more than the page holds to know it)
     * @param path  the list's path, without a query
     * @param idOf  the id of an item that the next page starts after
     */
    public static <T> ResponseEntity<List<T>> answer(List<T> items, boolean more, String path, int limit,
                                                     Function<T, String> idOf) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (more && !items.isEmpty()) {
            answer.header(HttpHeaders.LINK, "<" + path + "?after=" + idOf.apply(items.get(items.size() - 1))
                    + "&limit=" + limit + ">; rel=\"next\"");
        }
        return answer.body(items);
    }
}
