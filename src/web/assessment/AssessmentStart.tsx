/**
 * /workbench/projects/:projectId/assessment/:mode — starts the caller's draft of that mode (or finds the open
 * one: the server answers 200 with it) and goes to the questionnaire. Refusals are explained.
 */
import { Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { LinkButton } from '../components/LinkButton';
import { useAt } from './i18n';
import { isAssessmentMode, projectAssessmentsKey, startAssessment } from './api';
import './assessment.css';

export function AssessmentStart() {
  const { projectId, mode } = useParams();
  const at = useAt();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const started = useRef<string | null>(null);
  const valid = Boolean(projectId) && isAssessmentMode(mode);

  useEffect(() => {
    if (!projectId || !isAssessmentMode(mode)) return;
    // One request per project and mode, even when React runs the effect twice.
    const key = `${projectId}:${mode}`;
    if (started.current === key) return;
    started.current = key;
    startAssessment(projectId, mode).then(
      (detail) => {
        void qc.invalidateQueries({ queryKey: projectAssessmentsKey(projectId) });
        void navigate(`/workbench/assessments/${detail.id}`, { replace: true });
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [projectId, mode, navigate, qc]);

  const back = projectId ? (
    <LinkButton type="primary" to={`/workbench/projects/${projectId}`}>
      {at('start.back')}
    </LinkButton>
  ) : undefined;

  if (!valid) return <Result status="404" title={at('start.failedTitle')} subTitle={at('start.badMode')} extra={back} />;
  if (error) return <Result status="warning" title={at('start.failedTitle')} subTitle={error} extra={back} />;
  return (
    <div className="as-starting" role="status">
      <Spin size="large" />
      <div>{at('start.starting')}</div>
    </div>
  );
}
