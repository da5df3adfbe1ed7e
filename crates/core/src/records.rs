//! Requirement changes (需求变更 / 项目工单), service records (电话服务记录 / 报修单 / 咨询), training
//! sessions (培训记录) and the FAQ (常见问题及解决方案).
