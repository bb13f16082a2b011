package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** stap's probe-point wildcards: '*' within one dot-separated component, '**' across them, nothing else. */
class ProbeGlobTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            qio*           | qio_task_new        | true
            qio*           | virtio_qio          | false
            *              | anything_at_all     | true
            *task*         | qio_task_new        | true
            qio_task_?ew   | qio_task_new        | false
            qio_task_[n]ew | qio_task_new        | false
            qio_task_[n]ew | qio_task_[n]ew      | true
            **             | log.qio_task_new    | true
            log.**         | log.qio_task_new    | true
            **_new         | log.qio_task_new    | true
            *_new          | log.qio_task_new    | false
            qio_task_new   | qio_task_new        | true
            qio_task       | qio_task_new        | false
            *              | log.qio_task_new    | false
            *.*            | log.qio_task_new    | true
            log.q*         | log.qio_task_new    | true
            """)
    void matchesWithinComponents(String pattern, String name, boolean expected) {
        assertEquals(expected, ProbeGlob.matches(pattern, name));
    }
}
