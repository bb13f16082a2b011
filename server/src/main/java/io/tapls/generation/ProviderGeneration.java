package io.tapls.generation;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.diag.Severity;
import io.tapls.provider.ProviderChecks;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderReader;
import io.tapls.provider.ProviderTapset;
import io.tapls.workspace.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Generating the tapset libvirt's scripts/dtrace2systemtap.py writes from a DTrace provider file
 * ({@link ProviderTapset}), in memory, as {@link Generation} does for trace-events: what stops it, and its bytes.
 */
public final class ProviderGeneration {
    /** Every line of a tapset libvirt's script writes; a file made of such lines may be overwritten. */
    private static final Pattern TAPSET_LINE = Pattern.compile("|# \\S+|probe \\S+ = process\\(\"[^\"]*\"\\)"
            + "\\.mark\\(\"\\w+\"\\) \\{|  \\S+ = (user_string\\(\\$arg\\d+\\)|\\$arg\\d+);|\\}");
    /** The largest existing file looked at to tell whether it is such a tapset. */
    private static final int LARGEST_TAPSET = 16 << 20;

    private ProviderGeneration() {
    }

    /**
     * The tapset of one provider file, to {@code target} (standard output when null).
     *
     * @param shown        the input as the user named it: how reports name it
     * @param scriptCompat refuse only what libvirt's script refuses; otherwise any error of the file's checks
     *                     stops generation too
     */
    public static Generation.Generated generate(Path input, String shown, Path target, ProviderTapset.Options options,
                                                boolean scriptCompat) {
        TextFiles.Read read = TextFiles.read(input, shown);
        if (read.problem() != null) {
            return new Generation.Generated(null, new Generation.Stop.Unreadable(List.of(read.problem())));
        }
        ProviderFile file = ProviderReader.read(shown, read.text());
        ProviderTapset.Output out = ProviderTapset.generate(file, options);
        List<Diagnostic> errors = new ArrayList<>();
        if (!scriptCompat) {
            errors.addAll(ProviderChecks.check(file).stream().filter(d -> d.severity() == Severity.ERROR).toList());
        }
        if (out.failure() != null && !errors.contains(out.failure())) {
            errors.add(0, out.failure());
        }
        if (!errors.isEmpty()) {
            return new Generation.Generated(null, new Generation.Stop.Refused(List.of(new FileReport(shown,
                    file.text(), errors)), 1));
        }
        return new Generation.Generated(List.of(new Generation.Output(target, null,
                out.text().getBytes(StandardCharsets.UTF_8))), null);
    }

    /**
     * Why an existing target must not be overwritten, as {@link GeneratedFiles#refuseToOverwrite}, except that a
     * tapset libvirt's script (or this) wrote may be.
     */
    public static Optional<GeneratedFiles.Refusal> refuseToOverwrite(Path target) {
        Optional<GeneratedFiles.Refusal> r = GeneratedFiles.refuseToOverwrite(target);
        if (r.isPresent() && r.get().reason() == GeneratedFiles.Reason.NOT_GENERATED && isProviderTapset(target)) {
            return Optional.empty();
        }
        return r;
    }

    private static boolean isProviderTapset(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(LARGEST_TAPSET + 1);
            if (bytes.length > LARGEST_TAPSET) {
                return false;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.startsWith("# ") && text.lines().allMatch(l -> TAPSET_LINE.matcher(l).matches());
        } catch (IOException e) {
            return false;
        }
    }
}
