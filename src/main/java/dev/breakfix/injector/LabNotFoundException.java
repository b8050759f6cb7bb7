package dev.breakfix.injector;

import dev.breakfix.lab.LabKey;

/** The learner has not started that lab; reported as 404. */
public class LabNotFoundException extends RuntimeException {
    public LabNotFoundException(LabKey lab) {
        super("learner '" + lab.learner().id() + "' has not started scenario '" + lab.scenario() + "'");
    }
}
