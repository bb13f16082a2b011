package io.tapls.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Delta debugging, simplified: chunks of pieces removed, halving the chunk size, while a property holds. */
final class Minimiser {
    private Minimiser() {
    }

    /** The concatenation of the smallest subsequence of pieces found for which {@code keeps} still holds. */
    static String chunks(List<String> pieces, Predicate<String> keeps) {
        List<String> current = new ArrayList<>(pieces);
        for (int size = Math.max(1, current.size() / 2); size >= 1; size /= 2) {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int at = 0; at < current.size(); ) {
                    List<String> candidate = new ArrayList<>(current.subList(0, at));
                    candidate.addAll(current.subList(Math.min(current.size(), at + size), current.size()));
                    if (candidate.size() < current.size() && keeps.test(String.join("", candidate))) {
                        current = candidate;
                        progress = true;
                    } else {
                        at += size;
                    }
                }
            }
        }
        return String.join("", current);
    }
}
