package io.ghanomaly.job.drift;

import io.ghanomaly.core.alert.Alert;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every alert of the job leaves on, whichever operator raises it. */
public final class AlertOutput {
    private AlertOutput() {}

    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("alerts", TypeInformation.of(Alert.class));
}
