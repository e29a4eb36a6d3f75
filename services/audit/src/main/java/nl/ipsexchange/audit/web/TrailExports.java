package nl.ipsexchange.audit.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.AccessRecordQueries.FindAccessRecordsQuery;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.security.CurrentUser;

/**
 * Exports of one client's trail (the FHIR {@code AuditEvent} bundle, the client's access report). The trail holds
 * no health content, but it says which health categories of the client were seen, by whom, when and why: exporting
 * it is an export of health information about the client. So every export of a non-empty trail leaves an access
 * record with action {@link AccessAction#EXPORT}, naming the categories the exported trail names, written in the
 * export's transaction (an export that cannot be recorded is not served) and appended at once to the trail's own
 * chain (source {@value #SOURCE}): auditors see who exported whose trail, and its tamper evidence covers that too.
 * The export holds the trail as it was before this export; the next export shows this one.
 */
@Service
public class TrailExports {

    /** The audit service's own chain in the trail (it belongs to no agency). */
    public static final String SOURCE = "AUDIT";

    private final AccessRecordProjection trail;
    private final AccessRecordChain chain;
    private final AccessRecorder recorder;

    public TrailExports(AccessRecordProjection trail, AccessRecordChain chain, AccessRecorder recorder) {
        this.trail = trail;
        this.chain = chain;
        this.recorder = recorder;
    }

    /**
     * The client's trail, newest first, for export by the current user.
     *
     * @param what the export, in words (kept as the record's reason; never data)
     */
    @Transactional
    public List<AccessRecordedEvent> export(String clientId, String what) {
        List<AccessRecordedEvent> records = trail.find(new FindAccessRecordsQuery(clientId, null, null, null, null,
                10_000));
        if (!records.isEmpty()) {
            Set<DataCategory> named = EnumSet.noneOf(DataCategory.class);
            records.forEach(record -> named.addAll(record.categories()));
            AccessRecordedEvent export = recorder.record(
                    AccessRecord.exported(CurrentUser.actor(), clientId, named, what));
            chain.append(export, SOURCE, export.recordId());
        }
        return records;
    }
}
