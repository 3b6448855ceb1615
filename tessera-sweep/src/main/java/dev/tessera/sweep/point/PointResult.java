package dev.tessera.sweep.point;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What running one point produced, sent from the executor back to the driver.
 *
 * @param error     for ERROR and TIMEOUT: what went wrong, one line; else null
 * @param checked   output elements compared with the golden (0 when the run did not finish)
 * @param figures   the run's statistics by column name ({@link Figures}); empty when it did not finish
 * @param wallMs    wall-clock time of the run itself, milliseconds (not the statistics, not the transfer)
 * @param executor  the Spark executor that ran it ({@code driver} in local mode)
 */
public record PointResult(
        Point point,
        Status status,
        String error,
        long checked,
        long mismatches,
        Map<String, Object> figures,
        double wallMs,
        String executor)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public PointResult {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
