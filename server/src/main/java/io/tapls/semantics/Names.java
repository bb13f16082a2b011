package io.tapls.semantics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Names close to a mistyped one, for "similar:" lists. */
final class Names {
    private Names() {
    }

    static List<String> closest(String name, java.util.Collection<String> candidates, int max) {
        // like stap's levenshtein_suggest: the closest few, however far
        int limit = Math.max(name.length(), 8);
        record Scored(String s, int d) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            if (Math.abs(c.length() - name.length()) > limit) {
                continue;
            }
            int d = levenshtein(name, c, limit);
            if (d <= limit) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
        return scored.stream().limit(max).map(Scored::s).toList();
    }

    static int levenshtein(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
                best = Math.min(best, cur[j]);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * stap's levenshtein_suggest (util.cxx): up to {@code max} names within edit distance 7 of the target, closest
     * first (in the given order among equals).
     */
    static String suggest(String target, Set<String> elems, int max) {
        int threshold = 7;
        TreeMap<Integer, List<String>> scores = new TreeMap<>();
        int count = 0;
        for (String s : elems) {
            if (s.isEmpty()) {
                continue;
            }
            int maxScore = threshold;
            if (count >= max) {
                maxScore = Math.min(maxScore, scores.lastKey());
            }
            if (Math.abs(target.length() - s.length()) > maxScore) {
                continue;
            }
            int score = levenshtein(target, s, Integer.MAX_VALUE / 2);
            if (score <= threshold) {
                scores.computeIfAbsent(score, k -> new ArrayList<>()).add(s);
                count++;
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> l : scores.values()) {
            for (String s : l) {
                if (out.size() < max) {
                    out.add(s);
                }
            }
        }
        return String.join(", ", out);
    }
}
