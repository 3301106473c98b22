/** 任务: the unit's joint response tasks of open incidents, open ones first. */
import { TaskCard } from './TaskCard.js';
import { isTaskOpen, shownTasks, type Task, type TaskAction } from './tasks.js';

interface Props {
  tasks: Task[];
  unitId: string | null;
  linkedId: string | null;
  loaded: boolean;
  now: number;
  onAct(task: Task, action: TaskAction, text: string, idempotencyKey: string): Promise<void>;
}

export function TaskList({ tasks, unitId, linkedId, loaded, now, onAct }: Props) {
  const shown = shownTasks(tasks, unitId, linkedId);
  return (
    <>
      <h1>待办任务 {shown.filter(isTaskOpen).length} 件</h1>
      {!loaded && <p class="empty" role="status">正在加载任务…</p>}
      {loaded && shown.length === 0 && <p class="empty">暂无联合处置任务。指挥长布置任务后本页会立即显示。</p>}
      {shown.map((task) => (
        <TaskCard key={task.id} task={task} now={now} linked={task.id === linkedId} onAct={(action, text, key) => onAct(task, action, text, key)} />
      ))}
    </>
  );
}
