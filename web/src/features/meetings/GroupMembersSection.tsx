import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useQuery } from '../../ui/use-task';
import type { GroupMember, groupSpaceApi } from './group-space-api';
import { useMeetingsText } from './i18n/meetings-i18n';

/**
 * For hosts: the series' invitees, who of them the hosts took out of the group space, and a button to take
 * someone out or let them back. `version` changes when a person was taken out elsewhere on the page.
 */
export function GroupMembersSection({
  groups,
  version,
  onStatus,
  onFailure,
}: {
  groups: ReturnType<typeof groupSpaceApi>;
  version: number;
  onStatus: (text: string) => void;
  onFailure: (text: string) => void;
}) {
  const { t, problem } = useMeetingsText();
  const query = useQuery(`group-members-${version}`, (signal) => groups.members(signal));
  const [removing, setRemoving] = useState<GroupMember | undefined>(undefined);

  const nameOf = (member: GroupMember) => member.name || member.email || t('group.noName');
  const change = async (member: GroupMember, removed: boolean) => {
    setRemoving(undefined);
    try {
      await groups.setPersonRemoved(member.invitationId, removed);
      onStatus(t(removed ? 'group.personRemoved' : 'group.personRestored', { name: nameOf(member) }));
      query.reload();
    } catch (error) {
      onFailure(problem(toApiError(error)));
    }
  };

  const items = query.data?.items;
  return (
    <section className="card" aria-labelledby="group-members-heading">
      <h2 id="group-members-heading">{t('group.membersHeading')}</h2>
      <p>{t('group.membersIntro')}</p>
      {query.status === 'failed' && query.error && !items && (
        <p className="status status-problem" role="alert">
          {problem(query.error)}
        </p>
      )}
      {items === undefined ? (
        query.status !== 'failed' && <p role="status">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('group.membersNone')}</p>
      ) : (
        <ul className="record-list group-members">
          {items.map((member) => (
            <li key={member.invitationId} className="record">
              <p className="record-title">
                {nameOf(member)} {member.removed && <span className="badge">{t('group.memberOut')}</span>}
              </p>
              {member.name !== '' && <p className="record-meta">{member.email}</p>}
              <div className="record-actions">
                {member.removed ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => void change(member, false)}
                  >
                    {t('group.restorePerson', { name: nameOf(member) })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button-danger-outline button-small"
                    onClick={() => setRemoving(member)}
                  >
                    {t('group.removePerson', { name: nameOf(member) })}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('group.removePersonTitle', { name: removing ? nameOf(removing) : '' })}
        text={t('group.removePersonText')}
        confirmLabel={t('group.removePersonConfirm')}
        onConfirm={() => removing && void change(removing, true)}
        onCancel={() => setRemoving(undefined)}
      />
    </section>
  );
}
