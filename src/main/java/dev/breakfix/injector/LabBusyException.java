package dev.breakfix.injector;

import dev.breakfix.lab.LabKey;

/** The lab is in a state that does not allow the action right now; reported as 409. */
public class LabBusyException extends RuntimeException {
    public LabBusyException(LabKey lab, String why) {
        super("the lab " + lab.scenario() + " of '" + lab.learner().id() + "' " + why);
    }
}
