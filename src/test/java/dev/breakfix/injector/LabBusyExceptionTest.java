package dev.breakfix.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.breakfix.diagnosis.Msg;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;

/** A busy lab is explained in the learner's language; the English message stays as it was. */
class LabBusyExceptionTest {

    private static final LabKey LAB = new LabKey(LearnerId.of("Li Hua"), "nginx-typo");

    @Test
    void theMessageIsInTheLearnersLanguageAndEnglishAsBefore() {
        LabBusyException e = new LabBusyException(LAB, Msg.of("act.busy.stillDeleting"));
        String id = LAB.learner().id();
        assertThat(e.getMessage()).isEqualTo("the lab nginx-typo of '" + id + "' is still being deleted; start it again in a few seconds");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo(e.getMessage());
        assertThat(e.message(Locale.forLanguageTag("zh"))).isEqualTo(id + " 的实验 nginx-typo 仍在删除中，请过几秒钟再启动");
        assertThat(new LabBusyException(LAB, Msg.of("act.busy.oldPod", "nginx", "30")).message(Locale.SIMPLIFIED_CHINESE))
                .endsWith("过了 30 秒仍留有旧的 Pod nginx");
        assertThat(new LabBusyException(LAB, "is busy").message(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("the lab nginx-typo of '" + id + "' is busy");
    }
}
